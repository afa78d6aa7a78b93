resource "aws_iam_role" "etl" {
  name               = "etl"
  assume_role_policy = local.data_trust
}
