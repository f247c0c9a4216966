module.exports=[7003,a=>{"use strict";a.s([])}];

//# sourceMappingURL=_next-internal_server_app_page_actions_mjs_1r5n306aq-fj2._.js.map