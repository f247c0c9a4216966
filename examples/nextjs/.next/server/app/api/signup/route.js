var R=require("../../../chunks/[turbopack]_runtime.js")("server/app/api/signup/route.js")
R.c("server/chunks/[root-of-the-server]__1iikof_lq5ojk._.js")
R.c("server/chunks/[root-of-the-server]__0l27j2kk40g6k._.js")
R.c("server/chunks/_next-internal_server_app_api_signup_route_actions_mjs_0pc6yrjzve0cd._.js")
R.m(6115)
module.exports=R.m(6115).exports
