locals {
  principal_sets = [
    { type = "Service", identifiers = ["ecs-tasks.amazonaws.com"] },
    { type = "AWS", identifiers = ["arn:aws:iam::111122223333:root"] },
  ]
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    dynamic "principals" {
      for_each = local.principal_sets
      content {
        type        = principals.value.type
        identifiers = principals.value.identifiers
      }
    }
  }
}

resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
