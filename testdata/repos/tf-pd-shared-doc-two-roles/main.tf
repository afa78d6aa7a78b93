data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role" "writer" {
  name               = "writer"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
