session_name_test = "StringNotLike"
