variable "admin_users" {
  type    = list(string)
  default = ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/bob"]
}

locals {
  ci_roles = [
    "arn:aws:iam::444455556666:role/github-actions",
    "arn:aws:iam::444455556666:role/atlantis",
  ]
}

resource "aws_iam_role" "deployer" {
  name = "deployer"

  assume_role_policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": { "AWS": ${jsonencode(var.admin_users)} },
          "Action": ["sts:AssumeRole", "sts:TagSession"],
          "Condition": { "StringLike": { "sts:RoleSessionName": "$${aws:username}" } }
        },
        {
          "Effect": "Allow",
          "Principal": { "AWS": ${jsonencode(local.ci_roles)} },
          "Action": "sts:AssumeRole",
          "Condition": { "StringLike": { "sts:RoleSessionName": "$${aws:username}" } }
        }
      ]
    }
  EOT
}
