variable "account" {
  type = string
}

resource "aws_iam_role" "this" {
  name = "r-${var.account}"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::${var.account}:root"},
      "Action": "sts:AssumeRole"
    }
  ]
}
EOF
}
