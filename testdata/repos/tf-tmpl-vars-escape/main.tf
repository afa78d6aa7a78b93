locals {
  account_id = "111122223333"
}

variable "ci_role_name" {
  type    = string
  default = "gitlab-runner"
}

resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = templatefile("${path.module}/templates/trust.json.tftpl", {
    account_id = local.account_id
    ci_role    = var.ci_role_name
  })
}
