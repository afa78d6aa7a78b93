data "aws_iam_policy_document" "a" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
  statement {
    effect  = "Deny"
    actions = ["sts:AssumeRole"]
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/breakglass"]
    }
    condition {
      test     = "StringNotLike"
      variable = "sts:RoleSessionName"
      values   = ["&{aws:username}"]
    }
  }
}

data "aws_iam_policy_document" "b" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
  statement {
    effect  = "Deny"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "sts:RoleSessionName"
      values   = ["&{aws:username}"]
    }
  }
}

resource "aws_iam_role" "a" {
  assume_role_policy = data.aws_iam_policy_document.a.json
}

resource "aws_iam_role" "b" {
  assume_role_policy = data.aws_iam_policy_document.b.json
}
