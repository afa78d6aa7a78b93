# trustlint:ignore TL001 legacy cross-account trust, tracked in SEC-1234
data "aws_iam_policy_document" "legacy" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_iam_role" "legacy" {
  name               = "legacy"
  assume_role_policy = data.aws_iam_policy_document.legacy.json
}
