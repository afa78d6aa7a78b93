{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::${account_id}:root"},
      "Action": "sts:AssumeRole",
      "Condition": {"StringLike": {"sts:RoleSessionName": "${aws:username}"}}
    }
  ]
}
