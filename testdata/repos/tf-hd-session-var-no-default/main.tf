variable "session_name_pattern" {
  type = string
}

resource "aws_iam_role" "ops" {
  name = "ops"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "sts:AssumeRole",
      "Condition": {"StringLike": {"sts:RoleSessionName": "${var.session_name_pattern}"}}
    }
  ]
}
EOF
}
