locals {
  principal_block = <<-P
    {
      "AWS": [
        "arn:aws:iam::111122223333:user/alice",
        "arn:aws:iam::111122223333:user/bob"
      ]
    }
  P
}

resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": ${local.principal_block},
      "Action": "sts:AssumeRole",
      "Condition": {"StringLike": {"sts:RoleSessionName": "$${aws:username}"}}
    },
    {
      "Effect": "Allow",
      "Principal": ${local.principal_block},
      "Action": "sts:AssumeRole"
    }
  ]
}
EOF
}
