# conf: the shipped settings and plan catalogue.
dist_sdeskconf_DATA += conf/sdesk.cfg
dist_sdeskconf_DATA += conf/plans.cfg
