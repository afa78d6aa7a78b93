variable "require_session_name" {
  type    = bool
  default = false
}

data "aws_iam_policy_document" "trust" {
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
        values   = ["&{aws:username}"]
      }
    }
  }
}

resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
