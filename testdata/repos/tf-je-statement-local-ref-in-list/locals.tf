locals {
  partner_statement = {
    Effect    = "Allow"
    Principal = { AWS = "arn:aws:iam::999988887777:root" }
    Action    = "sts:AssumeRole"
  }
}
