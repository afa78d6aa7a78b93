variable "account_ids" {
  type = list(string)
}

resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = [for a in var.account_ids : "arn:aws:iam::${a}:root"] }
      Action    = "sts:AssumeRole"
    }]
  })
}
