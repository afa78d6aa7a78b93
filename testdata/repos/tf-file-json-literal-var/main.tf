resource "aws_iam_role" "analyst" {
  name               = "analyst"
  assume_role_policy = file("${path.module}/policies/analyst-trust.json")
}
