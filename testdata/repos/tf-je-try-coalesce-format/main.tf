variable "session_name_format" {
  type    = string
  default = null
}

resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = format("arn:aws:iam::%s:root", "111122223333") }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:RoleSessionName" = coalesce(var.session_name_format, "$${aws:username}") } }
    }]
  })
}
