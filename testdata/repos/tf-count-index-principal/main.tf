variable "accounts" {
  type    = list(string)
  default = ["111122223333", "444455556666"]
}

resource "aws_iam_role" "audit" {
  count = length(var.accounts)
  name  = "audit-${count.index}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.accounts[count.index]}:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}
