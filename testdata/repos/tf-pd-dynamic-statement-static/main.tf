locals {
  trusted_accounts = {
    shared  = "111122223333"
    network = "444455556666"
  }
}

data "aws_iam_policy_document" "cross" {
  dynamic "statement" {
    for_each = local.trusted_accounts
    content {
      sid     = "Trust${title(statement.key)}"
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::${statement.value}:root"]
      }
    }
  }
}

resource "aws_iam_role" "cross" {
  name               = "cross"
  assume_role_policy = data.aws_iam_policy_document.cross.json
}
