resource "aws_iam_role" "partner" {
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [local.partner_statement]
  })
}
