resource "aws_iam_role" "a" {
  name = "a"
  # trustlint:ignore TL001 reviewed in SEC-99
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}
  ]
}
EOF
}
