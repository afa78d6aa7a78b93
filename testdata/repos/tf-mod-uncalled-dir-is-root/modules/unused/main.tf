variable "trusted" {
  type    = string
  default = "arn:aws:iam::111122223333:root"
}

resource "aws_iam_role" "this" {
  name = "unused"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = var.trusted }, Action = "sts:AssumeRole" }]
  })
}
