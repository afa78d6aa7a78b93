variable "effect" {
  type = string
}

data "aws_iam_policy_document" "trust" {
  statement {
    effect  = var.effect
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
