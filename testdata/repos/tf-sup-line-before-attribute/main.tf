resource "aws_iam_role" "vendor" {
  name = "vendor"
  // trustlint:ignore TL001 vendor cannot set a session name
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::999988887777:root" }, Action = "sts:AssumeRole" }]
  })
}
