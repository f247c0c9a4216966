module.exports=[91075,a=>{"use strict";a.s([])}];

//# sourceMappingURL=_next-internal_server_app__global-error_page_actions_mjs_1ctekssbjfw_g._.js.map