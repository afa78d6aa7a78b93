variable "trusted_accounts" {
  type    = list(string)
  default = ["111122223333", "444455556666"]
}

resource "aws_iam_role" "cross_account" {
  name = "cross-account-readonly"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": [
          %{ for i, acct in var.trusted_accounts }"arn:aws:iam::${acct}:root"%{ if i < length(var.trusted_accounts) - 1 },%{ endif }%{ endfor }
        ]
      },
      "Action": "sts:AssumeRole"
    }
  ]
}
EOF
}
