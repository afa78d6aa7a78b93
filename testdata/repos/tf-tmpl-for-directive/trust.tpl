{
  "Version": "2012-10-17",
  "Statement": [
%{ for idx, arn in trusted_arns ~}
    {
      "Effect": "Allow",
      "Principal": {"AWS": "${arn}"},
      "Action": "sts:AssumeRole"
    }${idx < length(trusted_arns) - 1 ? "," : ""}
%{ endfor ~}
  ]
}
