variable "trust_action" {
  type        = string
  description = "Action granted to the trusted principal"
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "${var.trust_action}"
    }
  ]
}
EOF
}
