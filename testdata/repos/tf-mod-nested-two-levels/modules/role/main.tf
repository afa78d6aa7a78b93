variable "name" {
  type = string
}

variable "trusted_arns" {
  type = list(string)
}

variable "require_session_name" {
  type    = bool
  default = false
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]
    principals {
      type        = "AWS"
      identifiers = var.trusted_arns
    }
    dynamic "condition" {
      for_each = var.require_session_name ? [1] : []
      content {
        test     = "StringEquals"
        variable = "sts:RoleSessionName"
        values   = ["&{aws:username}"]
      }
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

output "arn" {
  value = aws_iam_role.this.arn
}
