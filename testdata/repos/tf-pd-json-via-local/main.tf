data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

locals {
  trust_json = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = local.trust_json
}
