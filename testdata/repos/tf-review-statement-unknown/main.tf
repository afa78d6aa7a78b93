variable "stmt" {}

resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [var.stmt]
  })
}
