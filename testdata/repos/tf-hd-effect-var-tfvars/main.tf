variable "trust_effect" {
  type    = string
  default = "Deny"
}

resource "aws_iam_role" "breakglass" {
  name = "breakglass"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "${var.trust_effect}",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "sts:AssumeRole"
    }
  ]
}
EOF
}
