resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = templatefile("${path.module}/trust.json.tftpl", { account_id = "111122223333" })
}
