variable "partner_accounts" {
  type    = list(string)
  default = ["111122223333", "444455556666", "777788889999"]
}

resource "aws_iam_role" "partners" {
  name = "partners"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for acct in var.partner_accounts : {
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${acct}:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}
