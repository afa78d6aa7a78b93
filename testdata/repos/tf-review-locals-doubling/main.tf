locals {
  e0 = "arn:aws:iam::123456789012:root"
  e1 = local.e0 == "" ? local.e0 : local.e0
  e2 = local.e1 == "" ? local.e1 : local.e1
  e3 = local.e2 == "" ? local.e2 : local.e2
  e4 = local.e3 == "" ? local.e3 : local.e3
  e5 = local.e4 == "" ? local.e4 : local.e4
  e6 = local.e5 == "" ? local.e5 : local.e5
  e7 = local.e6 == "" ? local.e6 : local.e6
  e8 = local.e7 == "" ? local.e7 : local.e7
  e9 = local.e8 == "" ? local.e8 : local.e8
  e10 = local.e9 == "" ? local.e9 : local.e9
  e11 = local.e10 == "" ? local.e10 : local.e10
  e12 = local.e11 == "" ? local.e11 : local.e11
  e13 = local.e12 == "" ? local.e12 : local.e12
  e14 = local.e13 == "" ? local.e13 : local.e13
  e15 = local.e14 == "" ? local.e14 : local.e14
  e16 = local.e15 == "" ? local.e15 : local.e15
  e17 = local.e16 == "" ? local.e16 : local.e16
  e18 = local.e17 == "" ? local.e17 : local.e17
  e19 = local.e18 == "" ? local.e18 : local.e18
  e20 = local.e19 == "" ? local.e19 : local.e19
  e21 = local.e20 == "" ? local.e20 : local.e20
  e22 = local.e21 == "" ? local.e21 : local.e21
  e23 = local.e22 == "" ? local.e22 : local.e22
  e24 = local.e23 == "" ? local.e23 : local.e23
  e25 = local.e24 == "" ? local.e24 : local.e24
  e26 = local.e25 == "" ? local.e25 : local.e25
  e27 = local.e26 == "" ? local.e26 : local.e26
  e28 = local.e27 == "" ? local.e27 : local.e27
  e29 = local.e28 == "" ? local.e28 : local.e28
  e30 = local.e29 == "" ? local.e29 : local.e29
  e31 = local.e30 == "" ? local.e30 : local.e30
  e32 = local.e31 == "" ? local.e31 : local.e31
  e33 = local.e32 == "" ? local.e32 : local.e32
  e34 = local.e33 == "" ? local.e33 : local.e33
  e35 = local.e34 == "" ? local.e34 : local.e34
  e36 = local.e35 == "" ? local.e35 : local.e35
  e37 = local.e36 == "" ? local.e36 : local.e36
  e38 = local.e37 == "" ? local.e37 : local.e37
  e39 = local.e38 == "" ? local.e38 : local.e38
  e40 = local.e39 == "" ? local.e39 : local.e39
}

resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = local.e40 }, Action = "sts:AssumeRole" }]
  })
}
