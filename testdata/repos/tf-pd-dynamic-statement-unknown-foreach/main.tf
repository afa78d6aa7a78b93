variable "trusted_account_ids" {
  type        = set(string)
  description = "Accounts allowed to assume the role"
}

data "aws_iam_policy_document" "trust" {
  dynamic "statement" {
    for_each = var.trusted_account_ids
    content {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::${statement.value}:root"]
      }
    }
  }
}

resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
