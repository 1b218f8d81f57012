"""Logical names of Microsoft's Dataverse and Dynamics 365 tables: facts, gathered once.

A lookup whose target is neither a table of the set nor one of these is most likely misspelt.
The list need not be complete (a name missing here costs at most a warning, never an error,
see ``lookups``); it holds:

- every table a page of the reference corpus names (lookup Targets, relationship entities,
  intersect tables) and every corpus page itself;
- the EntityType names of Microsoft's Web API v9.0 reference
  (MicrosoftDocs/dynamics365-docs-odata-apis, ``WebAPI-reference/dynamics-ce-odata-9/``
  ``entitytypes.yml``), but the abstract ``crmbaseentity``, ``expando`` and ``principal``;
- the table reference pages of MicrosoftDocs/powerapps-docs
  (``powerapps-docs/developer/data-platform/reference/entities/``, its ``toc.yml`` and the
  first hundred files of the folder) and of MicrosoftDocs/dynamics-365-customer-engagement
  (``ce/developer/entities/toc.yml``);
- the Microsoft tables (no custom publisher prefix) that relationships of the real solutions
  in the shared reference material name (Power Pages' ``adx_`` tables, say);
- tables the Dynamics 365 extension pages name that none of the above does (the Targets of
  annotation's ObjectId on the Microsoft Dynamics 365 Note page: ``msdyn_swarm``...), and
  tables real pages outside the corpus name as lookup targets (``dependencynode`` on the 2018
  Dependency page, Dynamics 365 Guides' ``msmrw_guide``, Field Service's ``msdyn_segment``);
- the tables of the real pages outside the corpus that were checked, and their lookup targets
  (Omnichannel's ``msdyn_presence`` and ``msdyn_liveworkstream``, Power Pages'
  ``mspp_webtemplate``): a real table a page names must not be taken for a misspelt one;
- the tables of Dynamics 365's apps (``DYNAMICS_365_PAGES``).
"""

from __future__ import annotations

import re

DYNAMICS_365_PAGES: frozenset[str] = frozenset(
    """
accountleads activitymonitor adminsettingsentity availabletimes availabletimesdatasource
bookableresource bookableresourcebooking bookableresourcebookingheader bookableresourcecategory
bookableresourcecategoryassn bookableresourcecharacteristic bookableresourcegroup bookingstatus
bulkoperation bulkoperationlog campaign campaignactivity campaignactivityitem campaignitem
campaignresponse characteristic competitor competitoraddress competitorproduct
competitorsalesliterature constraintbasedgroup contactinvoices contactleads contactorders
contactquotes contract contractdetail contracttemplate discount discounttype dynamicproperty
dynamicpropertyassociation dynamicpropertyinstance dynamicpropertyoptionsetitem entitlement
entitlementchannel entitlementcontacts entitlemententityallocationtypemapping entitlementproducts
entitlementtemplate entitlementtemplatechannel entitlementtemplateproducts equipment incident
incidentknowledgebaserecord incidentresolution invoice invoicedetail knowledgearticleincident lead
leadaddress leadcompetitors leadproduct leadtoopportunitysalesprocess list listmember listoperation
marketingformdisplayattributes opportunity opportunityclose opportunitycompetitors
opportunityproduct opportunitysalesprocess orderclose phonetocaseprocess pricelevel product
productassociation productpricelevel productsalesliterature productsubstitute quote quoteclose
quotedetail ratingmodel ratingvalue resource resourcegroup resourcegroupdatasource resourcespec
salesliterature salesliteratureitem salesorder salesorderdetail service serviceappointment
servicecontractcontacts site uom uomschedule virtualresourcegroupresource
""".split()
)
"""The tables without a publisher prefix whose reference page MicrosoftDocs/dynamics-365-customer-
engagement publishes (``ce/developer/reference/entities/toc.yml``) and MicrosoftDocs/powerapps-docs
does not (its ``reference/entities/toc.yml`` lists none of them, and the pages its folder gained
since were looked for one by one): the tables of Dynamics 365's apps (Sales' ``opportunity``,
Customer Service's ``incident``, Scheduling's ``bookableresource``), which a solution customizes
as often as ``account``."""

KNOWN_TABLES: frozenset[str] = (
    frozenset(
        """
aaduser account accountleads aciviewmapper actioncard actioncardusersettings actioncarduserstate
activityfileattachment activitymimeattachment activityparty activitypointer adminsettingsentity
advancedsimilarityrule adx_ad adx_adplacement adx_externalidentity adx_invitation
adx_inviteredemption adx_poll adx_polloption adx_pollplacement adx_pollsubmission
adx_portalcomment adx_portallanguage adx_publishingstatetransitionrule adx_redirect adx_setting
adx_shortcut adx_webformsession adx_webpage adx_webrole adx_website agenticscenario agentprompt
agentrule aicopilot aicopilot_aiplugin aiinsightcard aiplugin aipluginauth
aipluginconversationstarter aipluginconversationstartermapping aipluginexternalschema
aipluginexternalschemaproperty aiplugingovernance aiplugingovernanceext aiplugininstance
aipluginoperation aipluginoperationparameter aipluginoperationresponsetemplate aiplugintitle
aipluginusersetting aiskillconfig allowedmcpclient annotation annualfiscalcalendar
anyprivilegeentity apisettings appaction appaction_appactionrule_classicrules appactionmigration
appactionrule appactionrule_webresource_scripts appconfig appconfiginstance appconfigmaster
appelement application applicationroles applicationuser applicationuserprofile
applicationuserrole appmodule appmodulecomponent appmodulecomponentedge appmodulecomponentnode
appmoduleroles appnotification appnotificationsignal appointment approvalprocess
approvalstageapproval approvalstagecondition approvalstageintelligent approvalstageorder
appsetting appusersetting archivecleanupinfo archivecleanupoperation asyncoperation
athenareconciliationinfo attachment attribute attributeclusterconfig attributeimageconfig
attributemap attributemaskingrule attributepicklistvalue audit azureserviceconnection
backgroundoperation bookableresource bookableresourcebooking
bookableresourcebookingexchangesyncidmapping bookableresourcebookingheader
bookableresourcecategory bookableresourcecategoryassn bookableresourcecharacteristic
bookableresourcegroup bookingstatus bot bot_botcomponent bot_botcomponentcollection
bot_environmentvariabledefinition botcomponent botcomponent_aipluginoperation
botcomponent_botcomponent botcomponent_connectionreference botcomponent_dvtablesearch
botcomponent_environmentvariabledefinition botcomponent_msdyn_aimodel botcomponent_workflow
botcomponentcollection bulkarchiveconfig bulkarchivefailuredetail bulkarchiveoperation
bulkarchiveoperationdetail bulkdeletefailure bulkdeleteoperation bulkoperation bulkoperationlog
businessprocess businessprocessflowinstance businessprocesslinkedartifact businessunit
businessunitnewsarticle calendar calendarrule callbackregistration campaign campaignactivity
campaignactivityitem campaignitem campaignresponse canvasapp canvasappextendedmetadata card
cardtype cascadegrantrevokeaccessrecordstracker cascadegrantrevokeaccessversiontracker catalog
catalogassignment category channelaccessprofile channelaccessprofileentityaccesslevel
channelaccessprofilerule channelaccessprofileruleitem channelproperty channelpropertygroup
characteristic chat columnmapping comment commitment competitor competitoraddress
competitorproduct competitorsalesliterature complexcontrol connection connectioninstance
connectionreference connectionrole connectionroleassociation connectionroleobjecttypecode
connector constraintbasedgroup contact contactinvoices contactleads contactorders contactquotes
contract contractdetail contracttemplate conversationtranscript convertrule convertruleitem
customapi customapirequestparameter customapiresponseproperty customcontrol
customcontroldefaultconfig customcontrolresource customeraddress customeropportunityrole
customerrelationship datalakefolder datalakefolderpermission datalakeworkspace
datalakeworkspacepermission dataperformance dataprocessingconfiguration delegatedauthorization
delveactionhub dependency desktopflowbinary desktopflowmodule discount discounttype
displaystring documenttemplate duplicaterecord duplicaterule duplicaterulecondition
dvtablesearch dynamicproperty dynamicpropertyassociation dynamicpropertyinstance
dynamicpropertyoptionsetitem email emailserverprofile emailsignature entitlement
entitlementchannel entitlementcontacts entitlemententityallocationtypemapping
entitlementproducts entitlementtemplate entitlementtemplatechannel entitlementtemplateproducts
entity entityanalyticsconfig entitydataprovider entitydatasource entityimageconfig entityindex
entitykey entitymap entityrelationship environmentvariabledefinition environmentvariablevalue
equipment exchangesyncidmapping expanderevent expiredprocess exportsolutionupload externalparty
externalpartyitem fabricaiskill fax featurecontrolsetting federatedknowledgeconfiguration
feedback fieldpermission fieldsecurityprofile fileattachment fixedmonthlyfiscalcalendar
flowmachine flowmachinegroup flowmachineimage flowmachineimageversion flowmachinenetwork
flowsession fxexpression goal goalrollupquery hierarchyrule hierarchysecurityconfiguration
holidaywrapper import importdata importentitymapping importfile importjob importlog importmap
incident incidentknowledgebaserecord incidentresolution indexattributes interactionforemail
internalcatalogassignment invaliddependency invoice invoicedetail isvconfig kbarticle
kbarticlecomment kbarticletemplate keyvaultreference knowledgearticle knowledgearticleincident
knowledgearticlescategories knowledgearticleviews knowledgebaserecord knowledgesearchmodel
languagelocale languageprovisioningstate lead leadaddress leadcompetitors leadproduct
leadtoopportunitysalesprocess letter li_inmail li_message li_pointdrivepresentationviewed
license list listmember listoperation lookupmapping mailbox mailboxstatistics
mailboxtrackingfolder mailmergetemplate managedidentity managedproperty mbs_pluginprofile metric
mobileofflineprofile mobileofflineprofileextension mobileofflineprofileitem
mobileofflineprofileitemassociation mobileofflineprofileitemfilter monthlyfiscalcalendar
ms_newsitem ms_satori msdyn_3dmodel msdyn_accountpricelist msdyn_actioncardregarding
msdyn_actioncardrolesetting msdyn_actual msdyn_adaptivecardconfiguration msdyn_agreement
msdyn_agreementbookingdate msdyn_agreementbookingincident msdyn_agreementbookingproduct
msdyn_agreementbookingservice msdyn_agreementbookingservicetask msdyn_agreementbookingsetup
msdyn_agreementinvoicedate msdyn_agreementinvoiceproduct msdyn_agreementinvoicesetup
msdyn_agreementsubstatus msdyn_aibdataset msdyn_aibdatasetfile msdyn_aibdatasetrecord
msdyn_aibdatasetscontainer msdyn_aibfeedbackloop msdyn_aibfile msdyn_aibfileattacheddata
msdyn_aiconfiguration msdyn_aifptrainingdocument msdyn_aimodel msdyn_aiodimage msdyn_aiodlabel
msdyn_aiodtrainingboundingbox msdyn_aiodtrainingimage msdyn_aitemplate msdyn_analysiscomponent
msdyn_analysisjob msdyn_analysisresult msdyn_analysisresultdetail msdyn_analyticsadminsettings
msdyn_analyticsforcs msdyn_appconfig_msdyn_channelprovider msdyn_appconfiguration
msdyn_appconfiguration_applicationextension msdyn_appconfiguration_sessiontemplate
msdyn_appinsightsmetadata msdyn_applicationextension msdyn_applicationtabtemplate msdyn_approval
msdyn_assetcategorytemplateassociation msdyn_assetsuggestionssetting
msdyn_assettemplateassociation msdyn_autocapturerule msdyn_autocapturesettings msdyn_batchjob
msdyn_bookableresourceassociation msdyn_bookingalert msdyn_bookingalertstatus
msdyn_bookingchange msdyn_bookingjournal msdyn_bookingrule msdyn_bookingsetupmetadata
msdyn_bookingtimestamp msdyn_bpf_2c5fe86acc8b414b8322ae571000c799
msdyn_bpf_477c16f59170487b8b4dc895c5dcd09b msdyn_bpf_665e73aa18c247d886bfc50499c73b82
msdyn_bpf_989e9b1857e24af18787d5143b67523b msdyn_bpf_baa0a411a239410cb8bded8b5fdd88e3
msdyn_bpf_d3d97bac8c294105840e99e37a9d1c39 msdyn_bpf_d8f9dc7f099f44db9d641dd81fbd470d
msdyn_businessclosure msdyn_callablecontext msdyn_caseenrichment msdyn_casesuggestion
msdyn_casesuggestionrequestpayload msdyn_casesuggestionsdatasource msdyn_casetopic
msdyn_casetopic_incident msdyn_casetopicsetting msdyn_casetopicsummary msdyn_channelprovider
msdyn_characteristicreqforteammember msdyn_clientextension msdyn_collabgraphresource
msdyn_componentlayer msdyn_componentlayerdatasource msdyn_configuration msdyn_connector
msdyn_connectordatasource msdyn_contactpricelist msdyn_contractlinedetailperformance
msdyn_contractlineinvoiceschedule msdyn_contractlinescheduleofvalue msdyn_contractperformance
msdyn_copilottranscript msdyn_customcontrolextendedsettings msdyn_customerasset
msdyn_customerassetattachment msdyn_customerassetcategory msdyn_dataanalyticsreport
msdyn_dataanalyticsreport_csrmanager msdyn_dataanalyticsreport_fs
msdyn_dataanalyticsreport_fspredictrs msdyn_dataanalyticsreport_fspredictwhd
msdyn_dataanalyticsreport_ksinsights msdyn_databaseversion msdyn_dataexport msdyn_dataflow
msdyn_dataflowconnectionreference msdyn_dataflowrefreshhistory
msdyn_datainsightsandanalyticsfeature msdyn_datalakeds msdyn_delegation msdyn_dimension
msdyn_dimensionfieldname msdyn_entitlementapplication msdyn_entityconfiguration
msdyn_entitylinkchatconfiguration msdyn_entityrankingrule msdyn_entityrefreshhistory
msdyn_estimate msdyn_estimateline msdyn_expense msdyn_expensecategory msdyn_expensereceipt
msdyn_fact msdyn_federatedarticle msdyn_federatedarticleincident msdyn_fieldcomputation
msdyn_fieldservicepricelistitem msdyn_fieldservicesetting msdyn_fieldserviceslaconfiguration
msdyn_fieldservicesystemjob msdyn_findworkevent msdyn_flow_approval msdyn_flowcardtype
msdyn_forecastconfiguration msdyn_forecastdefinition msdyn_forecastinstance
msdyn_forecastrecurrence msdyn_formmapping msdyn_function msdyn_functionallocation
msdyn_geofence msdyn_geofenceevent msdyn_geofencingsettings msdyn_geolocationsettings
msdyn_geolocationtracking msdyn_helppage msdyn_icebreakersconfig msdyn_incidenttype
msdyn_incidenttype_requirementgroup msdyn_incidenttypecharacteristic msdyn_incidenttypeproduct
msdyn_incidenttyperecommendationresult msdyn_incidenttyperecommendationrunhistory
msdyn_incidenttypeservice msdyn_incidenttypeservicetask msdyn_incidenttypessetup
msdyn_insightsstorevirtualentity msdyn_inspection msdyn_inspectionattachment
msdyn_inspectiondefinition msdyn_inspectionresponse msdyn_integratedsearchprovider
msdyn_integrationjob msdyn_integrationjobdetail msdyn_inventoryadjustment
msdyn_inventoryadjustmentproduct msdyn_inventoryjournal msdyn_inventorytransfer
msdyn_invoicefrequency msdyn_invoicefrequencydetail msdyn_invoicelinetransaction msdyn_iotalert
msdyn_iotdevice msdyn_iotdevicecategory msdyn_iotdevicecommand msdyn_iotdevicecommanddefinition
msdyn_iotdevicedatahistory msdyn_iotdeviceproperty msdyn_iotdeviceregistrationhistory
msdyn_iotdevicevisualizationconfiguration msdyn_iotfieldmapping msdyn_iotpropertydefinition
msdyn_iotprovider msdyn_iotproviderinstance msdyn_iotsettings msdyn_iottocaseprocess
msdyn_journal msdyn_journalline msdyn_kalanguagesetting msdyn_kbattachment msdyn_kbenrichment
msdyn_kmfederatedsearchconfig msdyn_kmpersonalizationsetting msdyn_knowledgearticleimage
msdyn_knowledgearticlesuggestion msdyn_knowledgearticlesuggestiondatasource
msdyn_knowledgearticletemplate msdyn_knowledgeassetconfiguration
msdyn_knowledgeinteractioninsight msdyn_knowledgemanagementsetting msdyn_knowledgepersonalfilter
msdyn_knowledgesearchfilter msdyn_knowledgesearchinsight msdyn_macrosession
msdyn_migrationtracker msdyn_mlresultcache msdyn_msdyn_paneconfig_msdyn_appconfig
msdyn_msdyn_prod_actioninputparameter_msdyn_par msdyn_msdyn_prod_actionoutputparameter_msdyn_pa
msdyn_msdyn_prod_agentscript_msdyn_sessiontempl msdyn_msteamssetting msdyn_msteamssettingsv2
msdyn_nonrelationalds msdyn_notesanalysisconfig msdyn_notificationfield
msdyn_notificationtemplate msdyn_notificationtemplate_notificationfield msdyn_ocliveworkitem
msdyn_ocsession msdyn_odatav4ds msdyn_opportunitylineresourcecategory
msdyn_opportunitylinetransaction msdyn_opportunitylinetransactioncategory
msdyn_opportunitylinetransactionclassificatio msdyn_opportunitypricelist
msdyn_orderinvoicingdate msdyn_orderinvoicingproduct msdyn_orderinvoicingsetup
msdyn_orderinvoicingsetupdate msdyn_orderlineresourcecategory msdyn_orderlinetransaction
msdyn_orderlinetransactioncategory msdyn_orderlinetransactionclassification msdyn_orderpricelist
msdyn_organizationalunit msdyn_organizationalunit_pricelevel
msdyn_orginsightsuserdashboarddefinition msdyn_paneconfiguration msdyn_panetabconfiguration
msdyn_panetoolconfiguration msdyn_payment msdyn_paymentdetail msdyn_paymentmethod
msdyn_paymentterm msdyn_playbookactivity msdyn_playbookactivityattribute msdyn_playbookcategory
msdyn_playbookinstance msdyn_playbooktemplate msdyn_pmanalysishistory
msdyn_pmbusinessruleautomationconfig msdyn_pmcalendar msdyn_pmcalendarversion
msdyn_pminferredtask msdyn_pmprocessextendedmetadataversion msdyn_pmprocessusersettings
msdyn_pmprocessversion msdyn_pmrecording msdyn_pmtemplate msdyn_pmview msdyn_postalbum
msdyn_postalcode msdyn_postconfig msdyn_postruleconfig msdyn_predictworkhourdurationsetting
msdyn_priority msdyn_problematicasset msdyn_problematicassetfeedback msdyn_processnotes
msdyn_productinventory msdyn_productivityactioninputparameter
msdyn_productivityactionoutputparameter msdyn_productivityagentscript
msdyn_productivityagentscriptstep msdyn_productivitymacroactiontemplate
msdyn_productivitymacroconnector msdyn_productivitymacrosolutionconfiguration
msdyn_productivityparameterdefinition msdyn_project msdyn_projectapproval msdyn_projectparameter
msdyn_projectparameterpricelist msdyn_projectpricelist msdyn_projecttask
msdyn_projecttaskdependency msdyn_projecttaskstatususer msdyn_projectteam
msdyn_projectteammembersignup msdyn_projecttransactioncategory msdyn_property
msdyn_propertyassetassociation msdyn_propertylog msdyn_propertytemplateassociation
msdyn_purchaseorder msdyn_purchaseorderbill msdyn_purchaseorderproduct
msdyn_purchaseorderreceipt msdyn_purchaseorderreceiptproduct msdyn_purchaseordersubstatus
msdyn_quotebookingincident msdyn_quotebookingproduct msdyn_quotebookingservice
msdyn_quotebookingservicetask msdyn_quotebookingsetup msdyn_quoteinvoicingproduct
msdyn_quoteinvoicingsetup msdyn_quotelineanalyticsbreakdown msdyn_quotelineinvoiceschedule
msdyn_quotelineresourcecategory msdyn_quotelinescheduleofvalue msdyn_quotelinetransaction
msdyn_quotelinetransactioncategory msdyn_quotelinetransactionclassification msdyn_quotepricelist
msdyn_relationshipinsightsunifiedconfig msdyn_requirementcharacteristic
msdyn_requirementdependency msdyn_requirementgroup msdyn_requirementorganizationunit
msdyn_requirementrelationship msdyn_requirementresourcecategory
msdyn_requirementresourcepreference msdyn_requirementstatus msdyn_resourceassignment
msdyn_resourceassignmentdetail msdyn_resourcecategorymarkuppricelevel
msdyn_resourcecategorypricelevel msdyn_resourcepaytype msdyn_resourcerequest
msdyn_resourcerequirement msdyn_resourcerequirement_bookableresource
msdyn_resourcerequirement_bookingheader msdyn_resourcerequirement_systemuser
msdyn_resourcerequirementdetail msdyn_resourceterritory msdyn_richtextfile msdyn_rma
msdyn_rmaproduct msdyn_rmareceipt msdyn_rmareceiptproduct msdyn_rmasubstatus
msdyn_rolecompetencyrequirement msdyn_roleutilization msdyn_rtv msdyn_rtvproduct
msdyn_rtvsubstatus msdyn_salesinsightssettings msdyn_scheduleboardsetting
msdyn_schedulingfeatureflag msdyn_schedulingparameter msdyn_segment msdyn_serviceconfiguration
msdyn_servicetasktype msdyn_sessiontemplate msdyn_sessiontemplate_applicationtab msdyn_shipvia
msdyn_siconfig msdyn_sikeyvalueconfig msdyn_slakpi msdyn_smartassistconfig
msdyn_smartassistconfig_msdyn_appconfig msdyn_solutioncomponentcountdatasource
msdyn_solutioncomponentcountsummary msdyn_solutioncomponentdatasource
msdyn_solutioncomponentsummary msdyn_solutionhealthrule msdyn_solutionhealthruleargument
msdyn_solutionhealthruleset msdyn_solutionhistory msdyn_solutionhistorydatasource
msdyn_suggestedactivity msdyn_suggestedactivitydatasource msdyn_suggestedcontact
msdyn_suggestedcontactsdatasource msdyn_suggestioninteraction msdyn_suggestionrequestpayload
msdyn_suggestionsmodelsummary msdyn_suggestionssetting msdyn_systemuserschedulersetting
msdyn_taxcode msdyn_taxcodedetail msdyn_teamscollaboration msdyn_templateforproperties
msdyn_templateparameter msdyn_timeentry msdyn_timeentrysetting msdyn_timegroup
msdyn_timegroupdetail msdyn_timeoffcalendar msdyn_timeoffrequest msdyn_tour
msdyn_transactioncategory msdyn_transactioncategoryclassification
msdyn_transactioncategoryhierarchyelement msdyn_transactioncategorypricelevel
msdyn_transactionconnection msdyn_transactionorigin msdyn_transactiontype msdyn_uniquenumber
msdyn_untrackedappointment msdyn_upgraderun msdyn_upgradestep msdyn_upgradeversion
msdyn_userworkhistory msdyn_virtualtablecolumncandidate msdyn_wallsavedquery
msdyn_wallsavedqueryusersettings msdyn_warehouse msdyn_workflowactionstatus
msdyn_workhourtemplate msdyn_workorder msdyn_workordercharacteristic
msdyn_workorderdetailsgenerationqueue msdyn_workorderincident msdyn_workorderproduct
msdyn_workorderresourcerestriction msdyn_workorderservice msdyn_workorderservicetask
msdyn_workordersubstatus msdyn_workordertype msdynce_botcontent msfp_alert msfp_alertrule
msfp_emailtemplate msfp_fileresponse msfp_localizedemailtemplate msfp_project msfp_question
msfp_questionresponse msfp_satisfactionmetric msfp_survey msfp_surveyinvite msfp_surveyreminder
msfp_surveyresponse msfp_unsubscribedrecipient msgraphresourcetosubscription
mspcat_catalogsubmissionfiles mspp_adplacement mspp_columnpermission
mspp_columnpermissionprofile mspp_pollplacement mspp_publishingstatetransitionrule mspp_redirect
mspp_shortcut mspp_webrole mspp_website navigationsetting newprocess officegraphdocument
offlinecommanddefinition opportunity opportunityclose opportunitycompetitors opportunityproduct
opportunitysalesprocess optionset orderclose organization organizationdatasyncstate
organizationdatasyncsubscription organizationdatasyncsubscriptionentity organizationsetting
organizationui orginsightsmetric orginsightsnotification owner ownermapping package pdfsetting
personaldocumenttemplate phonecall phonetocaseprocess picklistmapping plugin pluginassembly
pluginpackage plugintracelog plugintype plugintypestatistic position post postcomment postfollow
postlike postregarding powerbidataset powerbimashupparameter powerbireport powerfxrule
pricelevel principalobjectaccess principalobjectattributeaccess privilege
privilegesremovalsetting processsession processstage processstageparameter processtrigger
product productassociation productpricelevel productsalesliterature productsubstitute
provisionlanguageforuser publisher publisheraddress quarterlyfiscalcalendar queue queueitem
queuemembership quote quoteclose quotedetail ratingmodel ratingvalue recommendeddocument
recurrencerule recurringappointmentmaster relationship relationshipattribute relationshiprole
relationshiprolemap report reportcategory reportentity reportlink reportvisibility resource
resourcegroup resourcegroupdatasource resourcespec revokeinheritedaccessrecordstracker
ribboncustomization ribbonmetadatatoprocess role roleeditorlayout roleprivileges roletemplate
roletemplateprivileges rollupfield routingrule routingruleitem runtimedependency
sa_suggestedaction sa_suggestedactioncriteria
sales_linkedin_configuration sales_linkedin_profileassociations salesliterature
salesliteratureitem salesorder salesorderdetail sample_bankaccount
sample_sample_bankaccounts_contacts savedorginsightsconfiguration savedquery
savedqueryvisualization sdkmessage sdkmessagefilter sdkmessagepair sdkmessageprocessingstep
sdkmessageprocessingstepimage sdkmessageprocessingstepsecureconfig sdkmessagerequest
sdkmessagerequestfield sdkmessageresponse sdkmessageresponsefield searchrelationshipsettings
searchtelemetry semiannualfiscalcalendar service serviceappointment servicecontractcontacts
serviceendpoint serviceplan serviceplanappmodules serviceplanmapping settingdefinition
sharedlinksetting sharedobject sharedworkspace sharepointdata sharepointdocument
sharepointdocumentlocation sharepointsite similarityrule site sitemap sla slaitem slakpiinstance
socialactivity socialinsightsconfiguration socialprofile solution solutioncomponent
solutioncomponentattributeconfiguration solutioncomponentbatchconfiguration
solutioncomponentconfiguration solutioncomponentrelationshipconfiguration solutionhistorydata
stagesolutionupload subject subscriptionmanuallytrackedobject subscriptionstatisticsoffline
subscriptionstatisticsoutlook subscriptionsyncentryoffline subscriptionsyncentryoutlook
subscriptiontrackingdeletedobject suggestioncardtemplate supportusertable synapsedatabase
synapselinkexternaltablestate synapselinkprofile synapselinkprofileentity
synapselinkprofileentitystate synapselinkschedule syncerror systemform systemuser
systemuserauthorizationchangetracker systemuserlicenses systemuserprofiles systemuserroles task
tdsmetadata team teammembership teammobileofflineprofilemembership teamprofiles teamroles
teamtemplate template territory textanalyticsentitymapping theme timestampdatemapping
timezonedefinition timezonelocalizedname timezonerule topic topichistory topicmodel
topicmodelconfiguration topicmodelexecutionhistory tracelog transactioncurrency
transformationmapping transformationparametermapping translationprocess unresolvedaddress uom
uomschedule userentityinstancedata userentityuisettings userform usermapping
usermobileofflineprofilemembership userquery userqueryvisualization userrating usersettings
virtualentitymetadata virtualresourcegroupresource webresource webwizard workflow workflowbinary
workflowdependency workflowlog
msdyn_personalsoundsetting msdyn_salessuggestion msdyn_soundfile msdyn_soundnotificationsetting
msdyn_swarm msdyn_taggedrecord msdyn_transcript
dependencynode msmrw_guide
activitymonitor deleteditemreference exportedexcel flowlog imagedescriptor msdyn_agentstatus
msdyn_ai_resourcerequirementpwhd msdyn_fileupload msdyn_fragment msdyn_liveconversation
msdyn_liveworkstream msdyn_mobileapp msdyn_oclanguage msdyn_ocliveworkstreamcontextvariable
msdyn_ocoutboundconfiguration msdyn_ocoutboundmessage msdyn_ocphonemusic
msdyn_ocvoicechannelsetting msdyn_ocvoicemail msdyn_presence
msdyn_systemuser_msdyn_omnichannelqueue msdyncrm_contentblock msdynmkt_entityscoringmodel
msdynmkt_journey msdynmkt_optimizationcustomercount msmrw_guidestep mspcat_applications
mspcat_catalogdescription mspcat_certificationrequest mspcat_packagestore mspcat_publisher
mspp_websitelanguage mspp_webtemplate packagehistory powerpagecomponent powerpagesitepublished
powerpagesscanreport retaineddataexcel ribbonclientmetadata searchcustomanalyzer
sharedworkspaceaccesstoken2 workqueue
""".split()
    )
    | DYNAMICS_365_PAGES
)
"""1,052 table logical names, lower case."""

BINARY_VIEWS: frozenset[tuple[str, str]] = frozenset(
    {
        ("activitymimeattachment", "body"),
        ("annotation", "documentbody"),
        ("attachment", "body"),
        ("pluginassembly", "content"),
        ("report", "bodybinary"),
        ("salesliteratureitem", "documentbody"),
        ("webresource", "content"),
    }
)
"""(table, column): the String columns holding a file's bytes as base64 text that Microsoft's
``$metadata`` also declares as ``<column>_binary``, an ``Edm.Binary`` property of the same
bytes (``annotation.documentbody_binary``, "Contents of the note's attachment."). No page lists
that property or tells such a column from another String of the same kind (``documenttemplate``'s
``content``, "Bytes of the document template", a String TextArea of 1073741823 characters as
``annotation.documentbody``, has none): these are the seven of Microsoft's Web API EntityType
reference (Dynamics 365 Customer Engagement's of 2017, MicrosoftDocs; its 2021 EntityTypes of
``annotation``, ``attachment``, ``webresource`` and ``salesliteratureitem`` agree)."""

ACTIVITIES: frozenset[str] = frozenset(
    """activitypointer adx_inviteredemption adx_portalcomment appointment bulkoperation
    campaignactivity campaignresponse chat email fax incidentresolution letter li_inmail
    li_message li_pointdrivepresentationviewed msdyn_approval msdyn_bookingalert msfp_alert
    msfp_surveyinvite msfp_surveyresponse opportunityclose orderclose phonecall quoteclose
    recurringappointmentmaster serviceappointment socialactivity task untrackedemail""".split()
)
"""Microsoft's activity tables (their primary key is ``activityid``, their base entity type
``activitypointer``): what is known of a table outside the set. Power Pages' Invite Redemption
and Portal Comment are activities too (their pages: PrimaryIdAttribute ``activityid``), and so
are the activities Dynamics 365's solutions made, which Microsoft's ``activitypointer``
EntityType lists among its derived types (MicrosoftDocs/dynamics365-docs-odata-apis):
LinkedIn's three, Field Service's Approval, Universal Resource Scheduling's Booking Alert and
Customer Voice's three. A table's regarding relationship to one of them is partnered as to any
activity: Microsoft's ``msdyn_resourceterritory`` EntityType has
``msdyn_resourceterritory_msdyn_bookingalerts`` partnered with
``regardingobjectid_msdyn_resourceterritory_msdyn_bookingalert``."""
ACTIVITY_SCHEMA_NAMES = {
    name: name.title() for name in "appointment email fax letter task".split()
} | {
    "bulkoperation": "BulkOperation",
    "campaignactivity": "CampaignActivity",
    "campaignresponse": "CampaignResponse",
    "incidentresolution": "IncidentResolution",
    "opportunityclose": "OpportunityClose",
    "orderclose": "OrderClose",
    "phonecall": "PhoneCall",
    "quoteclose": "QuoteClose",
    "recurringappointmentmaster": "RecurringAppointmentMaster",
    "serviceappointment": "ServiceAppointment",
    "socialactivity": "SocialActivity",
}
"""The SchemaNames of the platform's activities (their pages' SchemaName; the SDK's classes),
by logical name: Dataverse ends the navigation property of an activity's lookup it names by
the lookup's SchemaName with the activity's (``dvgen.madenames``), as Microsoft's ``email``
EntityType has ``ReceivingMailboxId_Email`` and ``CorrelatedActivityId_Email``, and its page
``SensitivityLabelId_Email``. A fact of a table outside the set, as ``ACTIVITIES`` is."""
ACTIVITY_KEY = "activityid"
CREATED_STATES = {
    False: {0: "Active", 1: "Inactive"},
    True: {0: "Open", 1: "Completed", 2: "Canceled", 3: "Scheduled"},
}
"""The states of the State column Dataverse creates with a table, by whether it is an activity
(each with one status reason, its value plus one: ``csa_csIncident``). A custom table's states
are these; an app adds status reasons only (``InsertStatusValueRequest.StateCode`` names one
of them)."""
ACTIVITY_PARTY = "activityparty"
"""The table of an activity's parties (sender, recipients...), each by ``activityid``."""
AUDIT_LOOKUPS = ("createdby", "createdonbehalfby", "modifiedby", "modifiedonbehalfby")
"""The lookups Dataverse gives every table to the user who created or last modified a row, or
for whom a delegate did: each its relationship to ``systemuser``."""
ACTIVITY_BASE = "activitypointer"
"""The table every activity derives from: a lookup to it holds any activity, and each
activity's own relationship may stand for it (``activitymimeattachment.objectid``)."""
POINTER_LOOKUPS = frozenset(
    """createdby createdonbehalfby modifiedby modifiedonbehalfby ownerid owningbusinessunit
    owningteam owninguser regardingobjectid sendermailboxid serviceid slaid slainvokedid
    transactioncurrencyid""".split()
)
"""The lookups of ``activitypointer``, which every activity inherits: the Web API's pages of
Microsoft's solution-made activities list their ``_<lookup>_value`` properties so
(``adx_portalcomment``: "Unique identifier of the delegate user who created the
activitypointer"), each with the inherited navigation property beside the activity's own."""


def made_by_a_solution(activity: str) -> bool:
    """Whether the activity ``activity`` was made by a solution, not by the platform: its
    logical name starts with its publisher's prefix, as every table a solution makes does.
    Dataverse names such an activity's own navigation properties apart from those it inherits
    whatever else the org holds: Microsoft's ``activitypointer`` has
    ``activity_pointer_adx_portalcomment`` partnered with ``activityid_adx_portalcomment``
    (``msdyn_approval``, ``msdyn_bookingalert``, ``msdyn_surveyinvite``,
    ``adx_inviteredemption``, ``adx_alertsubscription`` alike) where the platform's are
    partnered with ``activityid_activitypointer`` (``activity_pointer_task``,
    ``activity_pointer_phonecall``...); ``adx_portalcomment`` has ``createdby_adx_portalcomment``,
    ``ownerid_adx_portalcomment`` and ``regardingobjectid_<table>_adx_portalcomment`` for every
    table its Regarding holds (``adx_ad``, ``msdyn_customerasset``...), ``msfp_surveyinvite``
    and ``msfp_surveyresponse`` the same (their pages in MicrosoftDocs/dynamics365-docs-odata-apis
    and the Dataverse table reference)."""
    return "_" in activity and activity != ACTIVITY_BASE


MANY_TABLE_LOOKUPS: frozenset[tuple[str, str]] = frozenset(
    (table, lookup)
    for table, lookups in (
        ("activityfileattachment", "parentid"),
        ("activitymimeattachment", "objectid"),
        ("activityparty", "activityid partyid"),
        ("actioncard", "regardingobjectid"),
        ("activitypointer", "regardingobjectid"),
        ("annotation", "objectid"),
        ("asyncoperation", "regardingobjectid"),
        ("bulkdeletefailure", "regardingobjectid"),
        ("connection", "record1id record2id"),
        ("contact", "parentcustomerid"),
        ("customeraddress", "parentid"),
        ("deleteditemreference", "deletedobject"),
        ("duplicaterecord", "baserecordid duplicaterecordid"),
        ("dynamicpropertyinstance", "regardingobjectid"),
        ("email", "emailsender"),
        ("fileattachment", "objectid"),
        ("mailbox", "regardingobjectid"),
        ("mailboxtrackingfolder", "regardingobjectid"),
        ("postfollow", "regardingobjectid"),
        ("postregarding", "regardingobjectid"),
        ("principalobjectattributeaccess", "objectid"),
        ("processsession", "regardingobjectid"),
        ("queueitem", "objectid"),
        ("sdkmessageprocessingstep", "eventhandler"),
        ("sharepointdocumentlocation", "parentsiteorlocation regardingobjectid"),
        ("slakpiinstance", "regarding"),
        ("socialactivity", "postauthor postauthoraccount"),
        ("socialprofile", "customerid"),
        ("syncerror", "regardingobjectid"),
        ("workflowlog", "asyncoperationid childworkflowinstanceid"),
    )
    for lookup in lookups.split()
)
"""(table, lookup) of Microsoft's tables whose lookup holds rows of several tables, which a
page of another table does not tell: the relationships Dataverse gives a table to its system
jobs, sync errors, process sessions, field sharing, duplicates, connections, notes... Microsoft's
``$metadata`` names each such navigation property ``<lookup>_<table>`` (``asyncoperation``'s
``_regardingobjectid_value`` lists 145, ``annotation``'s ``_objectid_value`` 15,
``sharepointdocumentlocation``'s ``_parentsiteorlocation_value`` 2), so the referenced tables'
collections have those Partners (``position_AsyncOperations``: ``regardingobjectid_position``,
``position_connection1``: ``record1id_position``, ``plugintype_sdkmessageprocessingstep``:
``eventhandler_plugintype``): 324 collections of the corpus's tables and of the 15 of the
seventh comparison with Microsoft's EntityTypes, none partnered with the lookup's bare name;
a Customer lookup or a sender's, which the page of one of its tables alone does not tell
either (``contact_customer_accounts``: ``parentcustomerid_account``,
``Account_Email_EmailSender``: ``emailsender_account``, ``SocialActivity_PostAuthor_accounts``:
``postauthor_account``, ``post_activity_file_attachment``: ``parentid_post``, as Microsoft's
``contact``, ``email``, ``socialactivity`` and ``activityfileattachment`` EntityTypes name
them, each with two targets or more); the recycle bin's Deleted Object, whose page lists
hundreds of Targets and names each ``deletedobject_<table>`` (``deletedobject_account``), so
``knowledgefaq_DeletedItemReferences`` is partnered ``deletedobject_knowledgefaq``; a product
property's Regarding, whose Targets are the four line tables of Sales (``invoicedetail``,
``opportunityproduct``, ``quotedetail``, ``salesorderdetail``):
``QuoteDetail_Dynamicpropertyinstance`` is partnered ``regardingobjectid_quotedetail`` in
Microsoft's ``quotedetail`` EntityType;
``activitypointer``'s Regarding is each activity's (``regardingobjectid_account_phonecall``, the
activity's name after it where ``activitypointer``'s holds the table; ``email``'s
``regardingobjectid_asyncoperation``), so a page alone (``contactinvoices``, round 38) has
Microsoft's partners too.
A fact of the table outside the set that a page of the set does not state, as ``ACTIVITIES``
is."""

LOGICALLY_NAMED_LOOKUPS: frozenset[str] = frozenset(
    """
msdyn_agreement msdyn_agreementbookingdate msdyn_agreementbookingincident
msdyn_agreementbookingproduct msdyn_agreementbookingservice msdyn_agreementbookingservicetask
msdyn_agreementbookingsetup msdyn_agreementinvoicedate msdyn_agreementinvoiceproduct
msdyn_agreementinvoicesetup msdyn_bookingalertstatus msdyn_bookingtimestamp
msdyn_characteristicreqforteammember msdyn_payment msdyn_paymentdetail msdyn_purchaseorder
msdyn_purchaseorderbill msdyn_quotebookingsetup msdyn_resourceterritory msdyn_rma
msdyn_rmaproduct msdyn_rmareceipt msdyn_rmareceiptproduct msdyn_rtv msdyn_rtvproduct
msdyn_systemuserschedulersetting msdyn_timeoffrequest msdyn_workorder
msdyn_workordercharacteristic
""".split()
)
"""Dynamics 365 apps' tables whose own lookups keep their logical names as navigation
properties, though a maker named each relationship from the lookup's SchemaName
(``<prefix>_<referenced>_<referencing>_<Lookup>``), as Microsoft's EntityTypes have them:
Field Service's ``msdyn_workorder`` (21 of 24: ``msdyn_priority`` of
``msdyn_msdyn_priority_msdyn_workorder_Priority``), ``msdyn_purchaseorder`` and
``msdyn_purchaseorderbill`` (``msdyn_paymentterm``), ``msdyn_workordercharacteristic``
(``msdyn_ratingvalue``), ``msdyn_agreementbookingsetup`` and ``msdyn_quotebookingsetup``
(``msdyn_priority``), ``msdyn_bookingtimestamp`` (``msdyn_booking``), ``msdyn_paymentdetail``
(``msdyn_workorder``), ``msdyn_timeoffrequest`` (``msdyn_approvedby``, ``msdyn_resource``),
``msdyn_agreement`` (6 of 6: ``msdyn_salestaxcode`` of
``msdyn_msdyn_taxcode_msdyn_agreement_SalesTaxCode``, ``msdyn_billingaccount``...) and the
eight tables of its bookings and invoices (``msdyn_agreement``), ``msdyn_payment`` (3 of 3:
``msdyn_paymentmethod``...), ``msdyn_rma`` (9 of 9: ``msdyn_taxcode``, ``msdyn_serviceaccount``...),
``msdyn_rmaproduct``, ``msdyn_rmareceipt``, ``msdyn_rmareceiptproduct`` and ``msdyn_rtvproduct``
(``msdyn_rma``), ``msdyn_rtv`` (``msdyn_vendor``, ``msdyn_originatingrma``), as the 2021
EntityTypes of ``msdyn_agreement``, ``msdyn_payment`` and ``msdyn_rma`` have them;
Scheduling's ``msdyn_systemuserschedulersetting``, ``msdyn_resourceterritory`` and
``msdyn_bookingalertstatus``; Project Service's ``msdyn_characteristicreqforteammember``
(tests/test_webapi_apps.py). The tables of these apps Microsoft made later name them by
SchemaName (Field Service's ``msdyn_quoteinvoicingproduct``: ``msdyn_QuoteInvoicingSetup``), as
most of Project Service's and Scheduling's do. A fact of a table outside the set, which no page
of the set states (``outside_names.spelt_by_relationship``)."""

BPF_KEY = "businessprocessflowinstanceid"
"""The primary key of every business process flow table, Microsoft's and a maker's alike."""
BPF_SCHEMA_NAMES = {
    "expiredprocess": "ExpiredProcess",
    "leadtoopportunitysalesprocess": "LeadToOpportunitySalesProcess",
    "newprocess": "NewProcess",
    "opportunitysalesprocess": "OpportunitySalesProcess",
    "phonetocaseprocess": "PhoneToCaseProcess",
    "translationprocess": "TranslationProcess",
}
"""Microsoft's business process flow tables of Dataverse's own apps, by logical name, and
their SchemaNames (Microsoft's ``workflowlog`` EntityType names its navigation properties to
them so: ``NewProcess_asyncoperationid``)."""
BPF_TABLES = frozenset(BPF_SCHEMA_NAMES)
"""Microsoft's business process flow tables of Dataverse's own apps (their pages and
EntityTypes key them by ``businessprocessflowinstanceid``); Dynamics 365 apps add
``msdyn_bpf_<32 hex digits>`` ones (``BPF_NAME``)."""
BPF_NAME = re.compile(r"msdyn_bpf_[0-9a-f]{32}")


def is_bpf(table: str) -> bool:
    """Whether ``table`` is one of Microsoft's business process flow tables."""
    return table in BPF_TABLES or BPF_NAME.fullmatch(table) is not None


KEYS = {"duplicaterecord": "duplicateid"}
"""Microsoft's tables whose primary id is not ``<logical name>id``, nor an activity's or a
business process flow's: ``duplicaterecord``'s is ``duplicateid`` (its EntityType), its
``duplicaterecordid`` the lookup to the matching record (``duplicaterecordid_account``, partner
``Account_DuplicateMatchingRecord``)."""


def key_of(table: str, activity: bool = False) -> str:
    """The primary id Dataverse gives ``table`` when nothing states it: ``activityid`` for an
    activity (one of ``ACTIVITIES``, or ``activity`` when an export says so),
    ``businessprocessflowinstanceid`` for a business process flow table of Microsoft's
    (``is_bpf``), the one ``KEYS`` knows, else ``<logical name>id``."""
    if activity or table in ACTIVITIES:
        return ACTIVITY_KEY
    return BPF_KEY if is_bpf(table) else KEYS.get(table, f"{table}id")


def collection_name(name: str) -> str:
    """The plural Dataverse gives a new table's collection (and entity set) name when nothing
    states it: English rules on the logical name (``contoso_category`` ->
    ``contoso_categories``, ``contoso_box`` -> ``contoso_boxes``), or on the schema name for
    its collection schema name (``sample_BankAccount`` -> ``sample_BankAccounts``,
    ``msdyn_solutioncomponentcountsummary`` -> ``..summaries``, ``msdyn_datalakeds`` ->
    ``msdyn_datalakedses``: their pages in ``../shared/corpus``)."""
    if re.search(r"[^aeiou]y$", name):
        return name[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", name):
        return name + "es"
    return name + "s"


OWNER = "owner"
"""What an owner relationship (``owner_accounts``) references: no table, but Dataverse's
principal, a user or a team (the Web API's ``principal`` entity type)."""
OWNER_TABLES = ("systemuser", "team")
"""The tables an Owner column holds."""
