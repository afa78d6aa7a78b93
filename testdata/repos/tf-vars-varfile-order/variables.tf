variable "session_name" {
  type    = string
  default = "*"
}
