data "aws_iam_policy_document" "trust" {
  statement {
    not_actions = ["iam:*", "s3:*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
  statement {
    not_actions = ["sts:AssumeRole*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_iam_role" "x" {
  name               = "x"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
