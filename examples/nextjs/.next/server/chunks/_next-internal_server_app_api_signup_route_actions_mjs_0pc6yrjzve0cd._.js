module.exports=[7975,a=>{"use strict";a.s([])}];

//# sourceMappingURL=_next-internal_server_app_api_signup_route_actions_mjs_0pc6yrjzve0cd._.js.map