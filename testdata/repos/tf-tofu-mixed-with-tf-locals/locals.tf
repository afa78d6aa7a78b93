locals {
  trusted = "arn:aws:iam::111122223333:root"
}
