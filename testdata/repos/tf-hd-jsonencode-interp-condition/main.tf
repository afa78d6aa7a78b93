locals {
  session_condition = {
    StringLike = { "sts:RoleSessionName" = "$${aws:username}" }
  }
}

resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "sts:AssumeRole",
      "Condition": ${jsonencode(local.session_condition)}
    },
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "sts:AssumeRole",
      "Condition": ${jsonencode({ StringLike = { "sts:RoleSessionName" = "*" } })}
    }
  ]
}
EOF
}
