# qrescue boot job, common start (runs inside the appliance). Every outcome goes to $QRES/report as
# "KIND NAME ok|failed MESSAGE" lines; the job's exit code stays 0 when it could run at all, the host decides
# from the report. Set by the host in front of this text: STEP_SECONDS.
R=$QRES/report
: > "$R"
: > /tmp/active
say() { echo "$*" >> "$R"; echo "@@ $*"; }
oneline() { tr '\n' ' ' < "$1" | sed 's/  */ /g; s/ $//'; }
T="timeout $STEP_SECONDS"
