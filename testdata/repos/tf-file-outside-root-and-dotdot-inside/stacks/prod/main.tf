resource "aws_iam_role" "shared" {
  name               = "shared"
  assume_role_policy = file("${path.module}/../../../_shared/trust.json")
}

resource "aws_iam_role" "local" {
  name               = "local"
  assume_role_policy = file("${path.module}/../../policies/trust.json")
}
