# trustlint:ignore TL001 this comment is about the file, suppresses nothing

# trustlint:ignore TL001 this one is above another resource
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "aws_iam_role" "a" {
  name               = "a"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "sts:AssumeRole" }]
  })
}

# trustlint:ignore TL002 wrong code
resource "aws_iam_role" "b" {
  name               = "b"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "sts:AssumeRole" }]
  })
}
