resource "aws_iam_role" "shared" {
  name = "shared-services"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Engineers"
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/bob"] }
        Action    = "sts:AssumeRole"
        Condition = {
          StringLike = { "sts:RoleSessionName" = "$${aws:username}" }
        }
      },
      {
        Sid       = "Ec2"
        Effect    = "Allow"
        Principal = { Service = "ec2.amazonaws.com" }
        Action    = "sts:AssumeRole"
      },
      {
        Sid       = "Org"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = "sts:AssumeRole"
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" }
        }
      },
    ]
  })
}
