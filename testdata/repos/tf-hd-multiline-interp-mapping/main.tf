locals {
  admins = ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/bob"]
}

resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": ${jsonencode(concat(
        local.admins,
        ["arn:aws:iam::111122223333:user/carol"],
      ))}},
      "Action": "sts:AssumeRole",
      "Condition": {"StringLike": {"sts:RoleSessionName": "$${aws:username}"}}
    },
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
      "Action": "sts:AssumeRole"
    }
  ]
}
EOF
}
