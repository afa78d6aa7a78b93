variable "require_session_name" {
  type    = bool
  default = true
}

variable "ci_require_session_name" {
  type    = bool
  default = false
}

data "aws_iam_policy_document" "humans" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    dynamic "condition" {
      for_each = var.require_session_name ? [1] : []
      content {
        test     = "StringLike"
        variable = "sts:RoleSessionName"
        values   = ["$${aws:username}"]
      }
    }
  }
}

data "aws_iam_policy_document" "ci" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    dynamic "condition" {
      for_each = var.ci_require_session_name ? [1] : []
      content {
        test     = "StringLike"
        variable = "sts:RoleSessionName"
        values   = ["$${aws:username}"]
      }
    }
  }
}

resource "aws_iam_role" "humans" {
  assume_role_policy = data.aws_iam_policy_document.humans.json
}

resource "aws_iam_role" "ci" {
  assume_role_policy = data.aws_iam_policy_document.ci.json
}
