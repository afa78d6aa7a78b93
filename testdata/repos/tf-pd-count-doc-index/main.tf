variable "create" {
  type    = bool
  default = true
}

data "aws_iam_policy_document" "trust" {
  count = var.create ? 1 : 0
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_iam_role" "r" {
  count              = var.create ? 1 : 0
  name               = "r"
  assume_role_policy = data.aws_iam_policy_document.trust[0].json
}
