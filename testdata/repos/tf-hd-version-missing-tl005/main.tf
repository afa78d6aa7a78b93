resource "aws_iam_role" "legacy" {
  name = "legacy"
  assume_role_policy = <<EOF
{
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "sts:AssumeRole",
      "Condition": {"StringEquals": {"sts:RoleSessionName": "$${aws:username}"}}
    }
  ]
}
EOF
}
