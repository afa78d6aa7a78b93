variable "trust_effect" {
  type    = string
  default = "Allow"
}
