variable "trusted" {
  type = list(string)
}

variable "session_names" {
  type    = list(string)
  default = ["$${aws:username}"]
}

resource "aws_iam_role" "this" {
  name = "svc"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.trusted }
      Action    = "sts:AssumeRole"
      Condition = { StringLike = { "sts:RoleSessionName" = var.session_names } }
    }]
  })
}
