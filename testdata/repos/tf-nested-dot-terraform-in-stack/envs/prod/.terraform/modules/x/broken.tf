resource {{{
